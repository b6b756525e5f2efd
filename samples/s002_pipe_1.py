# 主进程写,子进程读
from multiprocessing import Pipe,Process
def func(out_pipe, in_pipe):
    in_pipe.close() # 关闭复制过来的管道的输入端
    while True:
        try :
            msg = out_pipe.recv() #子进程的管道端口接收主进程的数据
            print(msg)
        except EOFError:
            out_pipe.close()
            break
if __name__ == '__main__':
    out_pipe, in_pipe = Pipe()
    Process(target=func,args = (out_pipe, in_pipe)).start() #启动子进程
    out_pipe.close() #关闭主进程的输出管道端口
    for i in range(20):
        in_pipe.send('hello world!') #通过管道的端口向子进程写入
    in_pipe.close()

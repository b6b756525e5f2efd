from multiprocessing import Process,Pipe
import time,random
def consumer(p,name):
    in_pipe,out_pipe=p
    out_pipe.close()
    while True:
        try:
            # time.sleep(random.uniform(0,1))
            baozi=in_pipe.recv()
            print('%s 收到包子:%s' %(name,baozi))
        except EOFError:
            in_pipe.close()
            break
def producer(p,name):
    in_pipe,out_pipe=p
    in_pipe.close()
    for i in range(10):
        # print(i)
        str ='%s生产的包子%s'%(name,i)
        out_pipe.send(str)
        # time.sleep(1)
    else:
        out_pipe.close()
if __name__ == '__main__':
    in_pipe,out_pipe=Pipe()
    p = Process(target=producer,args=((in_pipe,out_pipe),'jack'))
    c1=Process(target=consumer,args=((in_pipe,out_pipe),'c1'))
    c2=Process(target=consumer,args=((in_pipe,out_pipe),'c2'))
    c1.start()
    c2.start()
    p.start()
    in_pipe.close()
    out_pipe.close()
    c1.join()
    c2.join()
    print('主进程')
# 基于管道实现进程间通信(与队列的方式是类似的,队列就是管道加锁实现的)
## 加锁来控制操作管道的行为,来避免进程之间争抢数据造成的数据不安全现象

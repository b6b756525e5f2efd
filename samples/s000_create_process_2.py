#创建多进程2.py
from multiprocessing import Process,current_process
import sys
def work(a,char):
    print('-----------------------------')
    print('当前子进程:%s' % current_process().name)
    a[0] = char
    print('当前子进程修改完毕:',a)
    sys.stdout.flush() #刷新缓存
def main():
    a = [1,2,3]
    print('当前父进程:',a)
    p1 = Process(target=work,name='进程1',args=(a,'a'))
    p2 = Process(target=work,name='进程2',args=(a,'zhang'))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
if __name__ == "__main__":
    main()
